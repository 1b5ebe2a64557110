package dev.crm.campaign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.crm.web.PageResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
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

	@Test
	void nameWithNulCharacterIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\u0000b\",\"channel\":\"EMAIL\"}", "name",
				"must not contain NUL or an unpaired surrogate");
	}

	@Test
	void nameWithLoneHighSurrogateIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\ud800b\",\"channel\":\"EMAIL\"}", "name",
				"must not contain NUL or an unpaired surrogate");
	}

	@Test
	void nameEndingInLoneLowSurrogateIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\udc00\",\"channel\":\"EMAIL\"}", "name",
				"must not contain NUL or an unpaired surrogate");
	}

	@Test
	void nameWithEmojiSurrogatePairIsAccepted() throws Exception {
		given(this.campaigns.create(any())).willReturn(SPRING_SALE);
		this.mvc
			.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Sale \\ud83d\\ude00\",\"channel\":\"EMAIL\"}"))
			.andExpect(status().isCreated());
		then(this.campaigns).should().create(new CreateCampaignRequest("Sale \uD83D\uDE00", Channel.EMAIL));
	}

	@Test
	void nameWithBellControlCharacterIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\u0007b\",\"channel\":\"EMAIL\"}", "name",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void nameWithLineBreakIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\nb\",\"channel\":\"EMAIL\"}", "name",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void nameWithC1ControlCharacterIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\u0085b\",\"channel\":\"EMAIL\"}", "name",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void nameWithRightToLeftOverrideIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"invoice\\u202Efdp.exe\",\"channel\":\"EMAIL\"}", "name",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void nameWithBidiIsolateIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"a\\u2067b\",\"channel\":\"EMAIL\"}", "name",
				"must not contain control characters or bidirectional overrides");
	}

	@Test
	void nameWithRightToLeftMarkIsAccepted() throws Exception {
		given(this.campaigns.create(any())).willReturn(SPRING_SALE);
		this.mvc
			.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"\\u05e9\\u05dc\\u05d5\\u05dd\\u200f 2026\",\"channel\":\"EMAIL\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	void numberAsNameIsRejected() throws Exception {
		expectFieldRejected("{\"name\":12345,\"channel\":\"EMAIL\"}", "name", "has the wrong type");
	}

	@Test
	void booleanAsNameIsRejected() throws Exception {
		expectFieldRejected("{\"name\":true,\"channel\":\"EMAIL\"}", "name", "has the wrong type");
	}

	@Test
	void objectAsNameIsRejected() throws Exception {
		expectFieldRejected("{\"name\":{\"first\":\"x\"},\"channel\":\"EMAIL\"}", "name", "has the wrong type");
	}

	@Test
	void enumOrdinalChannelIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"x\",\"channel\":5}", "channel",
				"must be one of [EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL]");
	}

	@Test
	void enumOrdinalAsStringChannelIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"x\",\"channel\":\"5\"}", "channel",
				"must be one of [EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL]");
	}

	@Test
	void channelWithTrailingSpaceIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"x\",\"channel\":\"EMAIL \"}", "channel",
				"must be one of [EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL]");
	}

	@Test
	void channelWithLeadingTabIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"x\",\"channel\":\"\\tEMAIL\"}", "channel",
				"must be one of [EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL]");
	}

	@Test
	void channelWithNulIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"x\",\"channel\":\"EMAIL\\u0000\"}", "channel",
				"must be one of [EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL]");
	}

	@Test
	void channelInLowerCaseIsRejected() throws Exception {
		expectFieldRejected("{\"name\":\"x\",\"channel\":\"email\"}", "channel",
				"must be one of [EMAIL, SOCIAL, SEARCH, DISPLAY, EVENT, REFERRAL]");
	}

	@Test
	void overlongUtf8SlashInBodyIsRejected() throws Exception {
		// C0 AF: an overlong, invalid encoding of '/', which Jackson alone decodes as
		// '/'.
		expectMalformedUtf8Rejected(utf8Body("{\"name\":\"a", 0xC0, 0xAF, "b\",\"channel\":\"EMAIL\"}"));
	}

	@Test
	void overlongUtf8NulInBodyIsRejected() throws Exception {
		expectMalformedUtf8Rejected(utf8Body("{\"name\":\"a", 0xE0, 0x80, 0x80, "b\",\"channel\":\"EMAIL\"}"));
	}

	@Test
	void utf8EncodedSurrogateInBodyIsRejected() throws Exception {
		expectMalformedUtf8Rejected(utf8Body("{\"name\":\"a", 0xED, 0xA0, 0x80, "\",\"channel\":\"EMAIL\"}"));
	}

	@Test
	void utf8BeyondU10ffffInBodyIsRejected() throws Exception {
		expectMalformedUtf8Rejected(utf8Body("{\"name\":\"a", 0xF4, 0x90, 0x80, 0x80, "\",\"channel\":\"EMAIL\"}"));
	}

	@Test
	void truncatedUtf8SequenceInBodyIsRejected() throws Exception {
		// C3 starts a two-byte sequence; the quote after it is not a continuation byte.
		expectMalformedUtf8Rejected(utf8Body("{\"name\":\"a", 0xC3, "\",\"channel\":\"EMAIL\"}"));
	}

	@Test
	void latin1ByteInUtf8BodyIsRejected() throws Exception {
		// 'é' as ISO-8859-1 (E9) in a body that does not declare a charset, so is UTF-8.
		expectMalformedUtf8Rejected(utf8Body("{\"name\":\"caf", 0xE9, "s\",\"channel\":\"EMAIL\"}"));
	}

	@Test
	void wellFormedMultiByteUtf8InBodyIsAccepted() throws Exception {
		given(this.campaigns.create(any())).willReturn(SPRING_SALE);
		byte[] body = "{\"name\":\"Müller ţ € 中 \uD83D\uDE00 \uDBFF\uDFFD\",\"channel\":\"EMAIL\"}"
			.getBytes(StandardCharsets.UTF_8);
		this.mvc.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated());
		then(this.campaigns).should()
			.create(new CreateCampaignRequest("Müller ţ € 中 \uD83D\uDE00 \uDBFF\uDFFD", Channel.EMAIL));
	}

	@Test
	void fullWidthDigitIdIsRejected() throws Exception {
		expectIdRejected("\uFF11");
	}

	@Test
	void arabicIndicDigitIdIsRejected() throws Exception {
		expectIdRejected("\u0661");
	}

	@Test
	void plusSignIdIsRejected() throws Exception {
		expectIdRejected("+1");
	}

	@Test
	void leadingZeroIdIsRejected() throws Exception {
		expectIdRejected("01");
	}

	@Test
	void hexadecimalIdIsRejected() throws Exception {
		expectIdRejected("0x1");
	}

	@Test
	void hashHexadecimalIdIsRejected() throws Exception {
		expectIdRejected("#1");
	}

	@Test
	void negativeIdIsRejected() throws Exception {
		expectIdRejected("-1");
	}

	@Test
	void idBeyondLongRangeIsRejected() throws Exception {
		expectIdRejected("9223372036854775808");
	}

	@Test
	void largestLongIdIsLookedUp() throws Exception {
		given(this.campaigns.get(Long.MAX_VALUE)).willThrow(new CampaignNotFoundException(Long.MAX_VALUE));
		this.mvc.perform(get("/api/v1/campaigns/{id}", "9223372036854775807")).andExpect(status().isNotFound());
	}

	@Test
	void fullWidthDigitPageIsRejected() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns").param("page", "\uFF11"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
		verifyNoInteractions(this.campaigns);
	}

	@Test
	void hexadecimalPageSizeIsRejected() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns").param("size", "0x10"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
		verifyNoInteractions(this.campaigns);
	}

	@Test
	void pageBeyondIntRangeIsRejected() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns").param("page", "2147483648"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("page"));
		verifyNoInteractions(this.campaigns);
	}

	@Test
	void unparseableAcceptHeaderIsA400Problem() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns/42").header(HttpHeaders.ACCEPT, ";;;"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("Accept"));
		verifyNoInteractions(this.campaigns);
	}

	@Test
	void unacceptableAcceptHeaderIsA406Problem() throws Exception {
		this.mvc.perform(get("/api/v1/campaigns/42").header(HttpHeaders.ACCEPT, "text/html"))
			.andExpect(status().isNotAcceptable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		verifyNoInteractions(this.campaigns);
	}

	private void expectMalformedUtf8Rejected(byte[] body) throws Exception {
		this.mvc.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("The request body is not well-formed UTF-8."));
		verifyNoInteractions(this.campaigns);
	}

	/** Text as UTF-8, integers as raw bytes, in order. */
	private static byte[] utf8Body(Object... parts) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof Integer b) {
				body.write(b);
			}
			else {
				body.writeBytes(((String) part).getBytes(StandardCharsets.UTF_8));
			}
		}
		return body.toByteArray();
	}

	/** The field's error is in the problem, whatever other constraints also failed. */
	private void expectFieldRejected(String body, String field, String message) throws Exception {
		this.mvc.perform(post("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == '" + field + "')].message", hasItem(message)));
		verifyNoInteractions(this.campaigns);
	}

	private void expectIdRejected(String id) throws Exception {
		this.mvc.perform(get("/api/v1/campaigns/{id}", id))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("id"))
			.andExpect(jsonPath("$.errors[0].message")
				.value("must be a decimal number: digits 0-9 only, without sign or leading zero"));
		verifyNoInteractions(this.campaigns);
	}

}
