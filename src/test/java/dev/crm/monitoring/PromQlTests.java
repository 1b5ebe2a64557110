package dev.crm.monitoring;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

	@Test
	void findsMetricsButNotFunctionsLabelsOrKeywords() {
		String expr = "histogram_quantile(0.95, sum by (uri, le) (rate(http_server_requests_seconds_bucket"
				+ "{service=\"$service\",traffic=\"api\"}[$__rate_interval]))) > 0.8 and on (service) up{job=\"crm-api\"} == 1";
		assertThat(PromQl.metricNames(expr)).containsExactly("http_server_requests_seconds_bucket", "up");
	}

	@Test
	void findsRecordingRulesAndIgnoresNumbersAndDurations() {
		String expr = "service:slo_errors_per_request:ratio_rate1h / 0.001 > 14.4 and service:slo_requests:rate1h >= 2 / 60"
				+ " or vector(1) offset 5m * 1e3";
		assertThat(PromQl.metricNames(expr)).containsExactly("service:slo_errors_per_request:ratio_rate1h",
				"service:slo_requests:rate1h");
	}

	@Test
	void ignoresNamesInsideStrings() {
		assertThat(PromQl.metricNames("label_replace(up, \"x\", \"not_a_metric\", \"job\", \"(.*)\")"))
			.containsExactly("up");
	}

	@Test
	void labelValuesVariableNamesItsSelectorsMetricButNotTheLabel() {
		assertThat(PromQl.variableMetricNames("label_values(up{job=\"crm-api\"}, service)")).containsExactly("up");
	}

}
