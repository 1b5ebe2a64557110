package dev.crm.web;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whichever component answers an error (a controller's exception handler, a filter, the
 * error controller), {@code instance} is the path that was requested, never
 * {@code /error}, and never carries the query string.
 */
@IntegrationTest
class ProblemInstanceIntegrationTests {

	@Autowired
	RunningApp app;

	/**
	 * @param name what is wrong with the request
	 * @param method the method sent
	 * @param path the path sent, with any query string
	 * @param contentType the content type of the body, or {@code null} for none
	 * @param body the body sent
	 * @param status the status expected
	 * @param instance the {@code instance} expected
	 */
	record Failure(String name, String method, String path, String contentType, String body, int status,
			String instance) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Failure> failures() {
		return List.of(
				new Failure("malformed JSON", "POST", "/api/v1/campaigns", "application/json", "{", 400,
						"/api/v1/campaigns"),
				new Failure("invalid paging", "GET", "/api/v1/campaigns?size=0", null, "", 400, "/api/v1/campaigns"),
				new Failure("unknown id", "GET", "/api/v1/campaigns/987654321", null, "", 404,
						"/api/v1/campaigns/987654321"),
				new Failure("unknown path under /api", "GET", "/api/v1/nothing?secret=x", null, "", 404,
						"/api/v1/nothing"),
				new Failure("unknown path outside /api", "GET", "/nothing/here", null, "", 404, "/nothing/here"),
				new Failure("wrong method", "DELETE", "/api/v1/campaigns", null, "", 405, "/api/v1/campaigns"),
				new Failure("body over the limit", "POST", "/api/v1/campaigns", "application/json",
						"x".repeat(1024 * 1024 + 1), 413, "/api/v1/campaigns"),
				new Failure("content type other than JSON", "POST", "/api/v1/campaigns", "text/plain", "name", 415,
						"/api/v1/campaigns"),
				new Failure("multipart body without a boundary", "POST", "/api/v1/leads", "multipart/form-data",
						"--x--", 415, "/api/v1/leads"),
				new Failure("multipart body with a boundary", "POST", "/api/v1/leads",
						"multipart/form-data; boundary=x",
						"--x\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nA\r\n--x--\r\n", 415,
						"/api/v1/leads"),
				new Failure("GET of the error path", "GET", "/error", null, "", 404, "/error"),
				new Failure("POST to the error path", "POST", "/error", "application/json", "{}", 404, "/error"),
				new Failure("DELETE of the error path with a query", "DELETE", "/error?status=500", null, "", 404,
						"/error"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void instanceIsTheRequestedPath(Failure failure) {
		Api api = this.app.api();
		HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(failure.path()))
			.method(failure.method(), failure.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(failure.body()));
		Map<String, String> headers = (failure.contentType() != null) ? Map.of("Content-Type", failure.contentType())
				: Map.of();

		Api.Response response = api.send(request, headers);

		assertThat(response.status()).isEqualTo(failure.status());
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("instance").asString()).isEqualTo(failure.instance());
		assertThat(problem.get("request_id").asString()).isEqualTo(response.header("X-Request-ID"));
	}

}
