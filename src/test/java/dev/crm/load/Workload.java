package dev.crm.load;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * What one virtual user sends: one request, named by its route template so that Gatling's
 * report groups them, and checked against the one status it must get. Anything else (a
 * 5xx from a fault, a timeout, a refused connection) is a KO and shows under "Errors"
 * with the status found.
 */
public enum Workload {

	/**
	 * The mix a CRM front end sends, with its client errors: the end-to-end suite's and
	 * the runbooks' load.
	 */
	REALISTIC("realistic mix, with retries, conversions and client errors"),

	/** The benchmark's workloads: every request succeeds, so their cost is comparable. */
	GET("GET one campaign"),

	STATS("cached stats (Redis)"),

	POST("POST a lead with Idempotency-Key"),

	/**
	 * 40% campaign reads, 20% stats, 10% lead reads, 10% lead lists, 5% campaign lists,
	 * 15% lead creations: the shares {@code scripts/bench/saturate.lua} gives wrk for the
	 * benchmark's saturation phase.
	 */
	MIX("mix of reads and 15% lead creations");

	private final String title;

	Workload(String title) {
		this.title = title;
	}

	/** The name the {@code workload} property and the benchmark's settings use. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String title() {
		return this.title;
	}

	public static Workload of(String name) {
		try {
			return valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Unknown workload '" + name + "'; expected one of "
					+ Arrays.stream(values()).map(Workload::id).toList(), ex);
		}
	}

	ChainBuilder chain(Dataset data) {
		return switch (this) {
			case GET -> exec(getCampaign());
			case STATS -> exec(stats());
			case POST -> exec(createLead("#{key}", "#{lead}"));
			case MIX -> randomSwitch().on(percent(40).then(exec(getCampaign())), percent(20).then(exec(stats())),
					percent(10).then(exec(getLead())), percent(10).then(exec(listLeads())),
					percent(5).then(exec(listCampaigns())), percent(15).then(exec(createLead("#{key}", "#{lead}"))));
			case REALISTIC -> randomSwitch().on(percent(22).then(exec(getCampaign())), percent(14).then(exec(stats())),
					percent(8).then(exec(listCampaigns())), percent(16).then(exec(getLead())),
					percent(6).then(exec(listNewLeads())), percent(14).then(rememberedCreation(data)),
					percent(5).then(retry(data)), percent(5).then(convert(data)),
					percent(2).then(exec(createCampaign())), percent(5).then(exec(unknownLead())),
					percent(3).then(exec(invalidLead())));
		};
	}

	private static HttpRequestActionBuilder getCampaign() {
		return http("GET /api/v1/campaigns/{id}").get("/api/v1/campaigns/#{campaignId}").check(status().is(200));
	}

	private static HttpRequestActionBuilder stats() {
		return http("GET /api/v1/campaigns/{id}/stats").get("/api/v1/campaigns/#{campaignId}/stats")
			.check(status().is(200));
	}

	private static HttpRequestActionBuilder listCampaigns() {
		return http("GET /api/v1/campaigns").get("/api/v1/campaigns?page=0&size=20").check(status().is(200));
	}

	private static HttpRequestActionBuilder getLead() {
		return http("GET /api/v1/leads/{id}").get("/api/v1/leads/#{leadId}").check(status().is(200));
	}

	private static HttpRequestActionBuilder listLeads() {
		return http("GET /api/v1/leads").get("/api/v1/leads?campaignId=#{campaignId}&size=20").check(status().is(200));
	}

	private static HttpRequestActionBuilder listNewLeads() {
		return http("GET /api/v1/leads").get("/api/v1/leads?campaignId=#{campaignId}&status=NEW&page=0&size=20")
			.check(status().is(200));
	}

	private static HttpRequestActionBuilder createLead(String key, String body) {
		return http("POST /api/v1/leads").post("/api/v1/leads")
			.header("Idempotency-Key", key)
			.body(StringBody(body))
			.asJson()
			.check(status().is(201));
	}

	private static HttpRequestActionBuilder createCampaign() {
		return http("POST /api/v1/campaigns").post("/api/v1/campaigns")
			.body(StringBody("#{campaign}"))
			.asJson()
			.check(status().is(201));
	}

	private static HttpRequestActionBuilder unknownLead() {
		return http("GET /api/v1/leads/{id} (unknown)").get("/api/v1/leads/#{unknownLeadId}").check(status().is(404));
	}

	private static HttpRequestActionBuilder invalidLead() {
		return http("POST /api/v1/leads (invalid)").post("/api/v1/leads")
			.body(StringBody("{\"campaignId\":#{campaignId},\"email\":\"not-an-email\",\"name\":\"\","
					+ "\"source\":\"WEB_FORM\"}"))
			.asJson()
			.check(status().is(400));
	}

	/**
	 * A lead creation whose lead is later converted, and whose request is later retried.
	 */
	private static ChainBuilder rememberedCreation(Dataset data) {
		return exec(createLead("#{key}", "#{lead}").check(jsonPath("$.id").ofLong().saveAs("createdId")))
			.exec((session) -> {
				if (session.contains("createdId")) {
					data.created(session.getLong("createdId"), session.getString("key"), session.getString("lead"));
				}
				return session;
			});
	}

	/**
	 * The same key and body again, as a client whose first answer was lost: 201,
	 * replayed.
	 */
	private static ChainBuilder retry(Dataset data) {
		return exec((session) -> {
			Map<String, Object> earlier = data.earlierCreation();
			return (earlier != null) ? session.setAll(earlier) : session;
		}).exec(doIfOrElse((session) -> session.contains("retryKey"))
			.then(exec(http("POST /api/v1/leads (retry)").post("/api/v1/leads")
				.header("Idempotency-Key", "#{retryKey}")
				.body(StringBody("#{retryLead}"))
				.asJson()
				.check(status().is(201))))
			.orElse(rememberedCreation(data)));
	}

	private static ChainBuilder convert(Dataset data) {
		return exec((session) -> {
			Long lead = data.unconverted();
			return (lead != null) ? session.set("convertId", lead) : session;
		}).exec(doIfOrElse((session) -> session.contains("convertId"))
			.then(exec(http("POST /api/v1/leads/{id}/conversion").post("/api/v1/leads/#{convertId}/conversion")
				.check(status().is(200))))
			.orElse(rememberedCreation(data)));
	}

}
