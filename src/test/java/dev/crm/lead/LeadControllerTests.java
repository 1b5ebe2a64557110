package dev.crm.lead;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(LeadController.class)
class LeadControllerTests {

	private static final Lead ADA = new Lead(7, 42, "ada@example.com", "Ada", LeadSource.WEB_FORM, LeadStatus.NEW,
			Instant.parse("2026-11-01T10:00:00Z"), null);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	LeadService leads;

	@Test
	void createsLeadAndSaysItIsNoReplay() throws Exception {
		given(this.leads.create(any(), eq("key-1"))).willReturn(new LeadService.LeadCreation(ADA, false));
		this.mvc
			.perform(post("/api/v1/leads").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "key-1")
				.content("{\"campaignId\":42,\"email\":\"ada@example.com\",\"name\":\"Ada\",\"source\":\"WEB_FORM\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/v1/leads/7"))
			.andExpect(header().string("Idempotent-Replayed", "false"))
			.andExpect(jsonPath("$.status").value("NEW"));
	}

	@Test
	void marksReplayedResults() throws Exception {
		given(this.leads.create(any(), eq("key-1"))).willReturn(new LeadService.LeadCreation(ADA, true));
		this.mvc
			.perform(post("/api/v1/leads").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "key-1")
				.content("{\"campaignId\":42,\"email\":\"ada@example.com\",\"name\":\"Ada\",\"source\":\"WEB_FORM\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Idempotent-Replayed", "true"))
			.andExpect(jsonPath("$.id").value(7));
	}

	@Test
	void reportsEveryMissingFieldAtOnce() throws Exception {
		this.mvc.perform(post("/api/v1/leads").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItems("campaignId", "email", "name", "source")));
		verifyNoInteractions(this.leads);
	}

	@Test
	void rejectsInvalidEmailWithoutEchoingIt() throws Exception {
		this.mvc
			.perform(post("/api/v1/leads").contentType(MediaType.APPLICATION_JSON)
				.content("{\"campaignId\":42,\"email\":\"not-an-email\",\"name\":\"Ada\",\"source\":\"WEB_FORM\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"))
			.andExpect(content().string(not(containsString("not-an-email"))));
	}

	@Test
	void rejectsWrongTypeNamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/v1/leads").contentType(MediaType.APPLICATION_JSON)
				.content("{\"campaignId\":\"forty-two\",\"email\":\"a@b.c\",\"name\":\"Ada\",\"source\":\"WEB_FORM\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("campaignId"))
			.andExpect(content().string(not(containsString("forty-two"))));
	}

	@Test
	void rejectsUnknownStatusFilter() throws Exception {
		this.mvc.perform(get("/api/v1/leads").param("status", "WON"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
	}

	@Test
	void rejectsNegativePage() throws Exception {
		this.mvc.perform(get("/api/v1/leads").param("page", "-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
	}

	@Test
	void answersConflictOnSecondConversion() throws Exception {
		given(this.leads.convert(7)).willThrow(LeadProblems.alreadyConverted(7));
		this.mvc.perform(post("/api/v1/leads/7/conversion"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("Lead 7 is already converted."));
	}

}
