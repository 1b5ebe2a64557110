package dev.crm.lead;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(CampaignStatsController.class)
class CampaignStatsControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CampaignStatsService stats;

	@Test
	void fullWidthDigitStatsIdIsRejected() throws Exception {
		expectIdRejected("\uFF11");
	}

	@Test
	void plusSignStatsIdIsRejected() throws Exception {
		expectIdRejected("+1");
	}

	@Test
	void hexadecimalStatsIdIsRejected() throws Exception {
		expectIdRejected("0x1");
	}

	private void expectIdRejected(String id) throws Exception {
		this.mvc.perform(get("/api/v1/campaigns/{id}/stats", id))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		verifyNoInteractions(this.stats);
	}

}
