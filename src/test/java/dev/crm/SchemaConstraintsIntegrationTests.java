package dev.crm;

import java.sql.SQLException;
import java.util.UUID;

import dev.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The database itself holds the integrity rules, whatever code writes to it. Each case
 * writes SQL directly and expects PostgreSQL's SQLSTATE for the broken rule.
 */
@IntegrationTest
class SchemaConstraintsIntegrationTests {

	private static final String CHECK = "23514";

	private static final String NOT_NULL = "23502";

	private static final String FOREIGN_KEY = "23503";

	private static final String UNIQUE = "23505";

	@Autowired
	JdbcClient jdbc;

	long campaign;

	@BeforeEach
	void setUp() {
		this.campaign = this.jdbc.sql("INSERT INTO campaign (name, channel) VALUES (:n, 'EMAIL') RETURNING id")
			.param("n", "schema-" + UUID.randomUUID())
			.query(Long.class)
			.single();
	}

	@Test
	void rejectsUnknownCampaignChannel() {
		assertViolates(CHECK, "INSERT INTO campaign (name, channel) VALUES ('x', 'FAX')");
	}

	@Test
	void rejectsUnknownCampaignStatus() {
		assertViolates(CHECK, "UPDATE campaign SET status = 'DELETED' WHERE id = " + this.campaign);
	}

	@Test
	void rejectsBlankCampaignName() {
		assertViolates(CHECK, "INSERT INTO campaign (name, channel) VALUES ('   ', 'EMAIL')");
	}

	@Test
	void rejectsMissingCampaignName() {
		assertViolates(NOT_NULL, "INSERT INTO campaign (channel) VALUES ('EMAIL')");
	}

	@Test
	void rejectsLeadOfMissingCampaign() {
		assertViolates(FOREIGN_KEY,
				"INSERT INTO lead (campaign_id, email, name, source) VALUES (-1, 'a@b.c', 'x', 'OTHER')");
	}

	@Test
	void rejectsUnknownLeadSourceAndStatus() {
		assertViolates(CHECK, "INSERT INTO lead (campaign_id, email, name, source) VALUES (" + this.campaign
				+ ", 'a@b.c', 'x', 'CARRIER_PIGEON')");
		assertViolates(CHECK, "INSERT INTO lead (campaign_id, email, name, source, status) VALUES (" + this.campaign
				+ ", 'a@b.c', 'x', 'OTHER', 'WON')");
	}

	@Test
	void rejectsConvertedLeadWithoutConversionTime() {
		assertViolates(CHECK, "INSERT INTO lead (campaign_id, email, name, source, status) VALUES (" + this.campaign
				+ ", 'a@b.c', 'x', 'OTHER', 'CONVERTED')");
	}

	@Test
	void rejectsSameEmailTwiceInOneCampaignIgnoringCase() {
		String insert = "INSERT INTO lead (campaign_id, email, name, source) VALUES (" + this.campaign
				+ ", '%s', 'x', 'OTHER')";
		this.jdbc.sql(insert.formatted("dup@example.com")).update();
		assertViolates(UNIQUE, insert.formatted("DUP@example.com"));
	}

	@Test
	void rejectsSecondUseOfIdempotencyKey() {
		String insert = "INSERT INTO idempotency_key (idempotency_key, request_hash) VALUES ('k-" + this.campaign
				+ "', repeat('a', 64))";
		this.jdbc.sql(insert).update();
		assertViolates(UNIQUE, insert);
	}

	private void assertViolates(String sqlState, String sql) {
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(() -> this.jdbc.sql(sql).update())
			.satisfies(
					(ex) -> assertThat(((SQLException) ex.getMostSpecificCause()).getSQLState()).isEqualTo(sqlState));
	}

}
