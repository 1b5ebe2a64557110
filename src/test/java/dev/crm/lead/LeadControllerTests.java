package dev.crm.lead;

import java.time.Instant;
import java.util.List;

import dev.crm.web.PageResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
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

	@Test
	void fractionalCampaignIdIsRejected() throws Exception {
		expectFieldRejected(lead("1.9", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\""), "campaignId",
				"has the wrong type");
	}

	@Test
	void wholeFloatCampaignIdIsRejected() throws Exception {
		expectFieldRejected(lead("42.0", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\""), "campaignId",
				"has the wrong type");
	}

	@Test
	void exponentCampaignIdIsRejected() throws Exception {
		expectFieldRejected(lead("4.2e1", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\""), "campaignId",
				"has the wrong type");
	}

	@Test
	void quotedNumberCampaignIdIsRejected() throws Exception {
		expectFieldRejected(lead("\"42\"", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\""), "campaignId",
				"has the wrong type");
	}

	@Test
	void booleanCampaignIdIsRejected() throws Exception {
		expectFieldRejected(lead("true", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\""), "campaignId",
				"has the wrong type");
	}

	@Test
	void campaignIdBeyondLongRangeIsRejected() throws Exception {
		expectFieldRejected(lead("99999999999999999999", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\""),
				"campaignId", "is out of range");
	}

	@Test
	void enumOrdinalSourceIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "\"Ada\"", "0"), "source",
				"must be one of [WEB_FORM, LANDING_PAGE, REFERRAL, IMPORT, EVENT, OTHER]");
	}

	@Test
	void numberAsEmailIsRejected() throws Exception {
		expectFieldRejected(lead("42", "12345", "\"Ada\"", "\"WEB_FORM\""), "email", "has the wrong type");
	}

	@Test
	void booleanAsNameIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "false", "\"WEB_FORM\""), "name", "has the wrong type");
	}

	@Test
	void emailWithNulCharacterIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada\\u0000@example.com\"", "\"Ada\"", "\"WEB_FORM\""), "email",
				"must not contain NUL or an unpaired surrogate");
	}

	@Test
	void nameWithNulCharacterIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "\"A\\u0000da\"", "\"WEB_FORM\""), "name",
				"must not contain NUL or an unpaired surrogate");
	}

	@Test
	void nameWithLoneSurrogateIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "\"Ada\\udbff\"", "\"WEB_FORM\""), "name",
				"must not contain NUL or an unpaired surrogate");
	}

	@Test
	void emailWithTabIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@exa\\tmple.com\"", "\"Ada\"", "\"WEB_FORM\""), "email",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void nameWithLeftToRightOverrideIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "\"Ada\\u202D\"", "\"WEB_FORM\""), "name",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void fullWidthDigitLeadIdIsRejected() throws Exception {
		expectIdRejected(get("/api/v1/leads/{id}", "\uFF17"), "id");
	}

	@Test
	void fullWidthDigitConversionIdIsRejected() throws Exception {
		expectIdRejected(post("/api/v1/leads/{id}/conversion", "\uFF17"), "id");
	}

	@Test
	void hexadecimalConversionIdIsRejected() throws Exception {
		expectIdRejected(post("/api/v1/leads/{id}/conversion", "0x7"), "id");
	}

	@Test
	void leadingZeroLeadIdIsRejected() throws Exception {
		expectIdRejected(get("/api/v1/leads/{id}", "007"), "id");
	}

	@Test
	void fullWidthDigitCampaignIdQueryIsRejected() throws Exception {
		expectIdRejected(get("/api/v1/leads").param("campaignId", "\uFF14\uFF12"), "campaignId");
	}

	@Test
	void plusSignCampaignIdQueryIsRejected() throws Exception {
		expectIdRejected(get("/api/v1/leads").param("campaignId", "+42"), "campaignId");
	}

	@Test
	void paddedCampaignIdQueryIsRejected() throws Exception {
		expectIdRejected(get("/api/v1/leads").param("campaignId", " 42"), "campaignId");
	}

	@Test
	void emptyCampaignIdQueryListsEveryCampaign() throws Exception {
		given(this.leads.list(null, null, 0, 20)).willReturn(PageResponse.of(List.of(ADA), 0, 20, 1));
		this.mvc.perform(get("/api/v1/leads").param("campaignId", ""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(7));
	}

	@Test
	void sourceWithNulIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM\\u0000\""), "source",
				"must be one of [WEB_FORM, LANDING_PAGE, REFERRAL, IMPORT, EVENT, OTHER]");
	}

	@Test
	void sourceWithTrailingSpaceIsRejected() throws Exception {
		expectFieldRejected(lead("42", "\"ada@example.com\"", "\"Ada\"", "\"WEB_FORM \""), "source",
				"must be one of [WEB_FORM, LANDING_PAGE, REFERRAL, IMPORT, EVENT, OTHER]");
	}

	@Test
	void statusQueryWithNulIsRejected() throws Exception {
		expectStatusRejected("NEW\u0000");
	}

	@Test
	void statusQueryWithTrailingSpaceIsRejected() throws Exception {
		expectStatusRejected("NEW ");
	}

	@Test
	void statusQueryInLowerCaseIsRejected() throws Exception {
		expectStatusRejected("new");
	}

	@Test
	void statusQueryWithHyphensIsRejected() throws Exception {
		expectStatusRejected("N-E-W");
	}

	@Test
	void exactStatusQueryFilters() throws Exception {
		given(this.leads.list(null, LeadStatus.NEW, 0, 20)).willReturn(PageResponse.of(List.of(ADA), 0, 20, 1));
		this.mvc.perform(get("/api/v1/leads").param("status", "NEW"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(7));
	}

	@Test
	void emptyStatusQueryListsEveryStatus() throws Exception {
		given(this.leads.list(null, null, 0, 20)).willReturn(PageResponse.of(List.of(ADA), 0, 20, 1));
		this.mvc.perform(get("/api/v1/leads").param("status", ""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items[0].id").value(7));
	}

	private void expectStatusRejected(String status) throws Exception {
		this.mvc.perform(get("/api/v1/leads").param("status", status))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("status"))
			.andExpect(jsonPath("$.errors[0].message").value("must be one of [NEW, CONVERTED]"));
		verifyNoInteractions(this.leads);
	}

	private static String lead(String campaignId, String email, String name, String source) {
		return "{\"campaignId\":" + campaignId + ",\"email\":" + email + ",\"name\":" + name + ",\"source\":" + source
				+ "}";
	}

	/** The field's error is in the problem, whatever other constraints also failed. */
	private void expectFieldRejected(String body, String field, String message) throws Exception {
		this.mvc.perform(post("/api/v1/leads").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].message", hasItem(message)));
		verifyNoInteractions(this.leads);
	}

	private void expectIdRejected(MockHttpServletRequestBuilder request, String parameter) throws Exception {
		this.mvc.perform(request)
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value(parameter))
			.andExpect(jsonPath("$.errors[0].message")
				.value("must be a decimal number: digits 0-9 only, without sign or leading zero"));
		verifyNoInteractions(this.leads);
	}

}
