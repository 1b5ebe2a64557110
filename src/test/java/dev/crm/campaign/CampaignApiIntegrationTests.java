package dev.crm.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.crm.support.Api;
import dev.crm.support.IntegrationTest;
import dev.crm.support.RunningApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CampaignApiIntegrationTests {

	@Autowired
	RunningApp app;

	Api api;

	@BeforeEach
	void setUp() {
		this.api = this.app.api();
	}

	@Test
	void createdCampaignCanBeReadBackFromItsLocation() {
		Api.Response created = this.api.postJson("/api/v1/campaigns",
				"{\"name\":\"  Black Friday  \",\"channel\":\"SOCIAL\"}");
		assertThat(created.status()).isEqualTo(201);
		String location = created.header("Location");
		Api.Response read = this.api.get(location);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().get("name").asString()).isEqualTo("Black Friday");
		assertThat(read.json().get("channel").asString()).isEqualTo("SOCIAL");
		assertThat(read.json().get("status").asString()).isEqualTo("ACTIVE");
		assertThat(read.body()).isEqualTo(created.body());
	}

	@Test
	void pagesInStableIdOrderWithoutGapsOrRepeats() {
		String tag = UUID.randomUUID().toString();
		for (int i = 0; i < 5; i++) {
			this.api.createCampaign(tag + "-" + i);
		}
		Api.Response first = this.api.get("/api/v1/campaigns?page=0&size=3");
		long total = first.json().get("totalItems").asLong();
		assertThat(total).isGreaterThanOrEqualTo(5);
		assertThat(first.json().get("totalPages").asLong()).isEqualTo((total + 2) / 3);
		List<Long> ids = new ArrayList<>();
		for (int page = 0; page < first.json().get("totalPages").asLong(); page++) {
			for (JsonNode item : this.api.get("/api/v1/campaigns?size=3&page=" + page).json().get("items")) {
				ids.add(item.get("id").asLong());
			}
		}
		assertThat(ids).hasSize((int) total).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void answers404ProblemForUnknownCampaign() {
		Api.Response response = this.api.get("/api/v1/campaigns/999999999");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.json().get("detail").asString()).isEqualTo("Campaign 999999999 does not exist.");
	}

	@Test
	void answersUnknownPathWith404Problem() {
		Api.Response response = this.api.get("/api/v1/nothing-here");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
	}

}
