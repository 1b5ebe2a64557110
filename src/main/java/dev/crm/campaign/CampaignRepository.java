package dev.crm.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CampaignRepository {

	private static final String COLUMNS = "id, name, channel, status, created_at";

	private final JdbcClient jdbc;

	CampaignRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Campaign insert(CreateCampaignRequest request) {
		return this.jdbc.sql("INSERT INTO campaign (name, channel) VALUES (:name, :channel) RETURNING " + COLUMNS)
			.param("name", request.name().strip())
			.param("channel", request.channel().name())
			.query(CampaignRepository::map)
			.single();
	}

	Optional<Campaign> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
			.param("id", id)
			.query(CampaignRepository::map)
			.optional();
	}

	boolean existsById(long id) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM campaign WHERE id = :id)")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	List<Campaign> findPage(long offset, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM campaign ORDER BY id LIMIT :limit OFFSET :offset")
			.param("limit", limit)
			.param("offset", offset)
			.query(CampaignRepository::map)
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM campaign").query(Long.class).single();
	}

	long countByStatus(CampaignStatus status) {
		return this.jdbc.sql("SELECT count(*) FROM campaign WHERE status = :status")
			.param("status", status.name())
			.query(Long.class)
			.single();
	}

	private static Campaign map(ResultSet rs, int row) throws SQLException {
		return new Campaign(rs.getLong("id"), rs.getString("name"), Channel.valueOf(rs.getString("channel")),
				CampaignStatus.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant());
	}

}
