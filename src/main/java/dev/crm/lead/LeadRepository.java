package dev.crm.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class LeadRepository {

	private static final String COLUMNS = "id, campaign_id, email, name, source, status, created_at, converted_at";

	// One WHERE clause serves all four filter combinations; a null parameter disables its
	// filter. The casts give PostgreSQL a type for the null.
	private static final String FILTER = " WHERE (CAST(:campaignId AS BIGINT) IS NULL OR campaign_id = :campaignId)"
			+ " AND (CAST(:status AS VARCHAR) IS NULL OR status = :status)";

	private final JdbcClient jdbc;

	LeadRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Lead insert(CreateLeadRequest request) {
		return this.jdbc
			.sql("INSERT INTO lead (campaign_id, email, name, source) VALUES (:campaignId, :email, :name, :source)"
					+ " RETURNING " + COLUMNS)
			.param("campaignId", request.campaignId())
			.param("email", request.email().strip())
			.param("name", request.name().strip())
			.param("source", request.source().name())
			.query(LeadRepository::map)
			.single();
	}

	Optional<Lead> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM lead WHERE id = :id")
			.param("id", id)
			.query(LeadRepository::map)
			.optional();
	}

	List<Lead> findPage(Long campaignId, LeadStatus status, long offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM lead" + FILTER + " ORDER BY id LIMIT :limit OFFSET :offset")
			.param("campaignId", campaignId)
			.param("status", (status != null) ? status.name() : null)
			.param("limit", limit)
			.param("offset", offset)
			.query(LeadRepository::map)
			.list();
	}

	long count(Long campaignId, LeadStatus status) {
		return this.jdbc.sql("SELECT count(*) FROM lead" + FILTER)
			.param("campaignId", campaignId)
			.param("status", (status != null) ? status.name() : null)
			.query(Long.class)
			.single();
	}

	/** Converts a NEW lead; empty when the lead is missing or already converted. */
	Optional<Lead> convert(long id) {
		return this.jdbc
			.sql("UPDATE lead SET status = 'CONVERTED', converted_at = now() WHERE id = :id AND status = 'NEW'"
					+ " RETURNING " + COLUMNS)
			.param("id", id)
			.query(LeadRepository::map)
			.optional();
	}

	Map<LeadStatus, Long> countByStatus(long campaignId) {
		Map<LeadStatus, Long> counts = new EnumMap<>(LeadStatus.class);
		this.jdbc.sql("SELECT status, count(*) AS n FROM lead WHERE campaign_id = :id GROUP BY status")
			.param("id", campaignId)
			.query((ResultSet rs) -> {
				counts.put(LeadStatus.valueOf(rs.getString("status")), rs.getLong("n"));
			});
		return counts;
	}

	private static Lead map(ResultSet rs, int row) throws SQLException {
		Timestamp convertedAt = rs.getTimestamp("converted_at");
		return new Lead(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("email"), rs.getString("name"),
				LeadSource.valueOf(rs.getString("source")), LeadStatus.valueOf(rs.getString("status")),
				rs.getTimestamp("created_at").toInstant(), (convertedAt != null) ? convertedAt.toInstant() : null);
	}

}
