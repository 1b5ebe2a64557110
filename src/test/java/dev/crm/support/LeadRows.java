package dev.crm.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes leads straight to PostgreSQL, behind the API's back (no cache eviction). */
public final class LeadRows {

	private LeadRows() {
	}

	public static void insertBehindApi(JdbcClient jdbc, long campaignId, String email) {
		jdbc.sql("INSERT INTO lead (campaign_id, email, name, source) VALUES (:campaign, :email, 'x', 'OTHER')")
			.param("campaign", campaignId)
			.param("email", email)
			.update();
	}

}
