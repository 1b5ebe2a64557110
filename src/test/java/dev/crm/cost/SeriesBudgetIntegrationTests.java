package dev.crm.cost;

import dev.crm.support.IntegrationTest;
import dev.crm.support.PrometheusScrape;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series and log budgets are exported as set, and the service, with every route
 * called, stays well inside its default: a new unbounded label would break this before it
 * breaks the budget in production.
 */
@IntegrationTest
class SeriesBudgetIntegrationTests {

	@Autowired
	RunningApp app;

	@Test
	void theBudgetIsExportedAndTheScrapeFitsInIt() {
		this.app.api().get("/api/v1/campaigns?page=0&size=5");
		this.app.api().get("/api/v1/campaigns/999999999");
		this.app.api().get("/no/such/path");
		PrometheusScrape scrape = this.app.scrape();
		double budget = scrape.samples("crm_monitoring_series_budget").getFirst().value();
		assertThat(budget).isEqualTo(2500);
		assertThat(scrape.samples("crm_monitoring_log_budget_bytes_per_day").getFirst().value())
			.isEqualTo(1024.0 * 1024 * 1024);
		int samples = scrape.samples().size();
		// The suite's shared context has by now served every route, status and hostile
		// request of the suite (about 1,300 samples); a run's scrape must still fit.
		assertThat(samples).as("samples in one scrape (%d), against the budget", samples).isLessThan((int) budget);
	}

}
