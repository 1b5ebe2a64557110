package dev.crm.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API contract as an OpenAPI 3.1 document at {@code /v3/api-docs}. springdoc reads
 * the operations, parameters and bodies from the controllers; this adds what the
 * controllers do not declare: every error is an RFC 9457 problem with the request ID,
 * which errors each operation answers, and which operations create (201 with
 * {@code Location}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	/** The name of the problem body's schema under {@code components.schemas}. */
	static final String PROBLEM = "Problem";

	static final String PROBLEM_JSON = "application/problem+json";

	/**
	 * What only the features know, by operation: the outcomes beyond those every
	 * operation of its shape answers (see {@link #errorsOf}).
	 */
	private static final Map<String, Map<String, String>> OPERATION_OUTCOMES = Map.of("POST /api/v1/campaigns",
			Map.of("201", "Created; `Location` is the new campaign's URL."), "POST /api/v1/leads",
			Map.of("201",
					"Created; `Location` is the new lead's URL. A retry with the same `Idempotency-Key` answers the first result again, with `Idempotent-Replayed: true`.",
					"404", "`campaignId` names no campaign.", "409", "The campaign already has a lead with this email.",
					"422", "The `Idempotency-Key` was used before with a different body."),
			"POST /api/v1/leads/{id}/conversion", Map.of("409", "The lead is already converted."));

	@Bean
	OpenApiCustomizer problemResponses(WebProperties web) {
		return (openApi) -> {
			openApi.info(new Info().title("crm-api")
				.version("v1")
				.description("Campaigns and the leads they bring in. Every error is application/problem+json "
						+ "(RFC 9457) and carries the request ID."));
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.components(components.addSchemas(PROBLEM, problemSchema()));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> describe(path, method, operation, web)));
		};
	}

	private static void describe(String path, PathItem.HttpMethod method, Operation operation, WebProperties web) {
		String key = method + " " + path;
		// Grouped by resource (/api/v1/leads/... is "leads"), not by controller class.
		operation.tags(List.of(path.replaceFirst("^/api/v\\d+/([^/]+).*$", "$1")));
		Map<String, String> outcomes = OPERATION_OUTCOMES.getOrDefault(key, Map.of());
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		String created = outcomes.get("201");
		ApiResponse ok = responses.get("200");
		if (created != null && ok != null) {
			responses.remove("200");
			responses.addApiResponse("201",
					ok.description(created)
						.addHeaderObject("Location", new Header().description("URL of the created resource.")
							.schema(new JsonSchema().types(Set.of("string")).format("uri-reference"))));
		}
		errorsOf(key, operation, web).forEach(
				(status, description) -> responses.addApiResponse(status, problem(description, status.equals("503"))));
		operation.responses(responses);
	}

	/**
	 * The errors an operation answers: the ones its shape implies (input can be invalid,
	 * an id can be unknown, a body can be too large or not JSON, anything can fail or
	 * PostgreSQL be down), then the ones only its feature knows.
	 */
	private static Map<String, String> errorsOf(String key, Operation operation, WebProperties web) {
		boolean hasBody = operation.getRequestBody() != null;
		boolean hasInput = hasBody || (operation.getParameters() != null && !operation.getParameters().isEmpty());
		Map<String, String> errors = new LinkedHashMap<>();
		if (hasBody) {
			errors.put("400",
					"Malformed JSON, a wrong type or a failed constraint; `errors` names each field and what is wrong with it, never the value.");
		}
		else if (hasInput) {
			errors.put("400", "A parameter has the wrong type or fails a constraint; `errors` names it.");
		}
		if (key.contains("{id}")) {
			errors.put("404", "No resource has this id.");
		}
		if (hasBody) {
			errors.put("413", "The body is larger than " + web.maxRequestBody() + " (`CRM_WEB_MAX_REQUEST_BODY`).");
			errors.put("415", "The body is not `application/json`.");
		}
		errors.put("500", "An unexpected error; the body is generic and carries `sentry_event_id` when reported.");
		errors.put("503", "PostgreSQL is unavailable; retry after `Retry-After` seconds.");
		OPERATION_OUTCOMES.getOrDefault(key, Map.of()).forEach((status, description) -> {
			if (status.startsWith("4") || status.startsWith("5")) {
				errors.put(status, description);
			}
		});
		return errors;
	}

	private static ApiResponse problem(String description, boolean retryAfter) {
		ApiResponse response = new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM))));
		if (retryAfter) {
			response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
				.schema(new JsonSchema().types(Set.of("integer"))));
		}
		return response;
	}

	/** RFC 9457's members, plus the ones every problem body of this API may carry. */
	private static Schema<?> problemSchema() {
		JsonSchema fieldError = new JsonSchema();
		fieldError.types(Set.of("object"))
			.addProperty("field", string("The field or parameter, for example `email` or `page`."))
			.addProperty("message", string("What is wrong with it."))
			.required(List.of("field", "message"));
		JsonSchema problem = new JsonSchema();
		problem.types(Set.of("object"))
			.description("An RFC 9457 problem detail.")
			.addProperty("type",
					string("A URI for the problem type; absent when it is `about:blank` (the status says it all)."))
			.addProperty("title", string("The status's reason phrase."))
			.addProperty("status", new JsonSchema().types(Set.of("integer")).description("The HTTP status code."))
			.addProperty("detail", string("What went wrong, without the rejected value or any internals."))
			.addProperty("instance", string("The path that was requested."))
			.addProperty("request_id", string("The request's `X-Request-ID`, to find its log lines and trace."))
			.addProperty("errors",
					new JsonSchema().types(Set.of("array"))
						.description("400 only: each invalid field.")
						.items(fieldError))
			.addProperty("sentry_event_id", string("5xx only, when reported: the error-tracking event."))
			.required(List.of("title", "status", "instance", "request_id"));
		return problem;
	}

	private static Schema<?> string(String description) {
		return new JsonSchema().types(Set.of("string")).description(description);
	}

}
