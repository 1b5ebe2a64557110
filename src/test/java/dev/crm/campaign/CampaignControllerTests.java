package dev.crm.campaign;

import java.time.Instant;
import java.util.List;

import dev.crm.web.PageResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(CampaignController.class)
class CampaignControllerTests {

	private static final Campaign SPRING_SALE = new Campaign(42, "Spring sale", Channel.EMAIL, CampaignStatus.ACTIVE,
			Instant.parse("2026-11-01T10:00:00Z"));

	@Autowired
	MockMvc mvc;

	@MockitoBean
	CampaignService campaigns;

	@Test
	void createsCampaignWithLocation() throws Exception {
		given(this.campaigns.create(any())).willReturn(SPRING_SALE);
		this.mvc
			.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Spring sale\",\"channel\":\"EMAIL\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/campaigns/42"))
			.andExpect(jsonPath("$.id").value(42))
			.andExpect(jsonPath("$.status").value("ACTIVE"));
	}

	@Test
	void rejectsBlankNameWithFieldError() throws Exception {
		this.mvc
			.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"  \",\"channel\":\"EMAIL\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		verifyNoInteractions(this.campaigns);
	}

	@Test
	void rejectsUnknownChannelListingTheAllowedOnes() throws Exception {
		this.mvc
			.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"channel\":\"CARRIER_PIGEON\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("channel"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("EMAIL")))
			.andExpect(content().string(not(containsString("CARRIER_PIGEON"))));
	}

	@Test
	void rejectsMalformedJsonWithoutLeakingParserDetails() throws Exception {
		this.mvc.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON).content("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("Exception"))))
			.andExpect(content().string(not(containsString("tools.jackson"))));
	}

	@Test
	void rejectsTextPlainWith415() throws Exception {
		this.mvc.perform(post("/api/v1/campaigns").contentType(MediaType.TEXT_PLAIN).content("hello"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void rejectsWrongMethodWith405() throws Exception {
		this.mvc.perform(put("/api/v1/campaigns/42"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void returns404ProblemForUnknownCampaign() throws Exception {
		given(this.campaigns.get(99)).willThrow(new CampaignNotFoundException(99));
		this.mvc.perform(get("/api/v1/campaigns/99"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("Campaign 99 does not exist."));
	}

	@Test
	void rejectsNonNumericIdWith400() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns/abc"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
	}

	@Test
	void listsWithDefaultPaging() throws Exception {
		given(this.campaigns.list(0, 20)).willReturn(PageResponse.of(List.of(SPRING_SALE), 0, 20, 1));
		this.mvc.perform(get("/api/v1/campaigns"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].name").value("Spring sale"))
			.andExpect(jsonPath("$.totalPages").value(1));
	}

	@Test
	void rejectsPageSizeOver100() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns").param("size", "101"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
		verifyNoInteractions(this.campaigns);
	}

	@Test
	void hidesUnexpectedFailuresBehindGeneric500() throws Exception {
		given(this.campaigns.get(1)).willThrow(new IllegalStateException("SELECT secret FROM campaign"));
		this.mvc.perform(get("/api/v1/campaigns/1"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.detail").value("An unexpected error occurred."))
			.andExpect(content().string(not(containsString("SELECT"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))));
	}

}
