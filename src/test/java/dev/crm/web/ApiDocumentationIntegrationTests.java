package dev.crm.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI document at {@code /v3/api-docs}, read over HTTP from the running
 * application: it lists exactly the operations of the README's API table, every error
 * response is the problem schema, and that schema matches the problems the API really
 * answers.
 */
@IntegrationTest
class ApiDocumentationIntegrationTests {

	/** A row of the README's API table: {@code | `POST /api/v1/leads` | ...}. */
	private static final Pattern README_OPERATION = Pattern
		.compile("^\\| `(GET|POST|PUT|PATCH|DELETE) (/api/[^`?]+)[^`]*` \\|", Pattern.MULTILINE);

	private static final String PROBLEM_REF = "#/components/schemas/Problem";

	@Autowired
	RunningApp app;

	Api api;

	JsonNode document;

	@BeforeEach
	void fetchDocument() {
		this.api = this.app.api();
		Api.Response response = this.api.get("/v3/api-docs");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		this.document = response.json();
	}

	@Test
	void isOpenApi31AndListsExactlyTheOperationsOfTheReadmeTable() throws IOException {
		Set<String> readme = readmeOperations();
		assertThat(readme).hasSize(8);

		assertThat(this.document.get("openapi").asString()).startsWith("3.1.");
		assertThat(operations().keySet()).isEqualTo(readme);
		operations().forEach((operation, node) -> assertThat(node.get("tags").get(0).asString()).as(operation)
			.isEqualTo(operation.contains("/leads") ? "leads" : "campaigns"));
	}

	@Test
	void everyErrorResponseIsAProblemAndEveryOperationDocumentsItsErrors() {
		operations().forEach((operation, node) -> {
			JsonNode responses = node.get("responses");
			List<String> errors = new ArrayList<>();
			for (String status : responses.propertyNames()) {
				if (status.startsWith("4") || status.startsWith("5")) {
					errors.add(status);
					JsonNode content = responses.get(status).get("content");
					assertThat(content.propertyNames()).as("%s %s", operation, status)
						.containsExactly("application/problem+json");
					assertThat(content.get("application/problem+json").get("schema").get("$ref").asString())
						.as("%s %s", operation, status)
						.isEqualTo(PROBLEM_REF);
				}
			}
			assertThat(errors).as(operation).contains("400", "500", "503");
		});

		assertThat(statuses("POST /api/v1/campaigns")).containsExactlyInAnyOrder("201", "400", "413", "415", "500",
				"503");
		assertThat(statuses("GET /api/v1/campaigns")).containsExactlyInAnyOrder("200", "400", "500", "503");
		assertThat(statuses("GET /api/v1/campaigns/{id}")).containsExactlyInAnyOrder("200", "400", "404", "500", "503");
		assertThat(statuses("GET /api/v1/campaigns/{id}/stats")).containsExactlyInAnyOrder("200", "400", "404", "500",
				"503");
		assertThat(statuses("POST /api/v1/leads")).containsExactlyInAnyOrder("201", "400", "404", "409", "413", "415",
				"422", "500", "503");
		assertThat(statuses("GET /api/v1/leads/{id}")).containsExactlyInAnyOrder("200", "400", "404", "500", "503");
		assertThat(statuses("GET /api/v1/leads")).containsExactlyInAnyOrder("200", "400", "500", "503");
		assertThat(statuses("POST /api/v1/leads/{id}/conversion")).containsExactlyInAnyOrder("200", "400", "404", "409",
				"500", "503");

		JsonNode created = operations().get("POST /api/v1/leads").get("responses").get("201");
		assertThat(created.get("headers").has("Location")).isTrue();
		assertThat(created.get("content").get("application/json").get("schema").get("$ref").asString())
			.isEqualTo("#/components/schemas/Lead");
		JsonNode unavailable = operations().get("GET /api/v1/leads").get("responses").get("503");
		assertThat(unavailable.get("headers").has("Retry-After")).isTrue();
	}

	@Test
	void problemSchemaDescribesTheProblemsTheApiAnswers() {
		JsonNode schema = this.document.get("components").get("schemas").get("Problem");
		Set<String> properties = new TreeSet<>(schema.get("properties").propertyNames());
		List<String> required = schema.get("required").valueStream().map(JsonNode::asString).toList();
		assertThat(required).contains("request_id", "status", "instance");

		List<Api.Response> problems = List.of(this.api.get("/api/v1/campaigns/999999999"),
				this.api.postJson("/api/v1/campaigns", "{\"name\":\"\",\"channel\":\"EMAIL\"}"),
				this.api.get("/api/v1/leads?page=-1"));
		for (Api.Response problem : problems) {
			assertThat(problem.header("Content-Type")).isEqualTo("application/problem+json");
			Set<String> members = new TreeSet<>(problem.json().propertyNames());
			assertThat(members).as(problem.body()).containsAll(required);
			assertThat(properties).as(problem.body()).containsAll(members);
		}
		JsonNode fieldError = problems.get(1).json().get("errors").get(0);
		assertThat(schema.get("properties").get("errors").get("items").get("properties").propertyNames())
			.containsExactlyInAnyOrderElementsOf(fieldError.propertyNames());
	}

	@Test
	void readingTheDocumentIsCountedAsOtherTrafficNotApi() {
		// The request in fetchDocument() is recorded once its response is complete.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.app.scrape()
				.samples("http_server_requests_seconds_count", (sample) -> sample.has("uri", "/v3/api-docs")))
				.isNotEmpty()
				.allMatch((sample) -> sample.has("traffic", "other")));
	}

	/** Every documented operation as {@code METHOD /path}, with its node. */
	private Map<String, JsonNode> operations() {
		Map<String, JsonNode> operations = new TreeMap<>();
		JsonNode paths = this.document.get("paths");
		for (String path : paths.propertyNames()) {
			for (String method : paths.get(path).propertyNames()) {
				operations.put(method.toUpperCase() + " " + path, paths.get(path).get(method));
			}
		}
		return operations;
	}

	private Set<String> statuses(String operation) {
		return new TreeSet<>(operations().get(operation).get("responses").propertyNames());
	}

	private static Set<String> readmeOperations() throws IOException {
		Matcher rows = README_OPERATION.matcher(Files.readString(Path.of("README.md")));
		Set<String> operations = new TreeSet<>();
		while (rows.find()) {
			operations.add(rows.group(1) + " " + rows.group(2));
		}
		return operations;
	}

}
