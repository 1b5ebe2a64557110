package dev.crm.lead;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import dev.crm.campaign.CampaignNotFoundException;
import dev.crm.web.PageResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leads. Every change commits inside the method ({@link TransactionTemplate}) and only
 * then evicts the campaign's stats: evicting earlier would let a concurrent read cache
 * the old counts again ({@link CampaignStatsCache} says why a read that began earlier
 * cannot).
 */
@Service
public class LeadService {

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

	private static final String FOREIGN_KEY_VIOLATION = "23503";

	private static final String UNIQUE_VIOLATION = "23505";

	private final LeadRepository leads;

	private final IdempotencyKeyRepository idempotencyKeys;

	private final TransactionTemplate transaction;

	private final JsonMapper json;

	private final LeadMetrics metrics;

	private final CampaignStatsCache statsCache;

	LeadService(LeadRepository leads, IdempotencyKeyRepository idempotencyKeys, TransactionTemplate transaction,
			JsonMapper json, LeadMetrics metrics, CampaignStatsCache statsCache) {
		this.leads = leads;
		this.idempotencyKeys = idempotencyKeys;
		this.transaction = transaction;
		this.json = json;
		this.metrics = metrics;
		this.statsCache = statsCache;
	}

	/**
	 * Creates a lead. With an idempotency key, the first request that commits wins and
	 * every later request with the same key and body gets that request's result.
	 * @param request the validated request
	 * @param idempotencyKey the client's key, or {@code null}
	 * @return the lead and whether it is a replay of an earlier result
	 */
	public LeadCreation create(CreateLeadRequest request, String idempotencyKey) {
		if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
			throw LeadProblems.invalidIdempotencyKey();
		}
		LeadCreation creation;
		try {
			creation = this.transaction.execute((status) -> createInTransaction(request, idempotencyKey));
		}
		catch (DataIntegrityViolationException ex) {
			throw translate(ex, request.campaignId());
		}
		// Counted and evicted after commit, so a rolled-back creation does neither.
		if (creation.replayed()) {
			this.metrics.replayed();
		}
		else {
			this.statsCache.evict(creation.lead().campaignId());
			this.metrics.created(creation.lead().source());
		}
		return creation;
	}

	private LeadCreation createInTransaction(CreateLeadRequest request, String idempotencyKey) {
		String requestHash = null;
		if (idempotencyKey != null) {
			requestHash = sha256(this.json.writeValueAsString(request));
			if (!this.idempotencyKeys.claim(idempotencyKey, requestHash)) {
				return replay(idempotencyKey, requestHash);
			}
		}
		Lead lead = this.leads.insert(request);
		if (idempotencyKey != null) {
			this.idempotencyKeys.complete(idempotencyKey, lead.id(), this.json.writeValueAsString(lead));
		}
		return new LeadCreation(lead, false);
	}

	private LeadCreation replay(String idempotencyKey, String requestHash) {
		// The claim waited for the key's first transaction, which has committed, so the
		// stored row is complete.
		IdempotencyKeyRepository.StoredResult stored = this.idempotencyKeys.find(idempotencyKey)
			.orElseThrow(() -> new IllegalStateException("Idempotency key vanished after a conflicting claim"));
		if (!stored.requestHash().equals(requestHash)) {
			throw LeadProblems.idempotencyKeyReused();
		}
		return new LeadCreation(this.json.readValue(stored.responseBody(), Lead.class), true);
	}

	public Lead get(long id) {
		return this.leads.findById(id).orElseThrow(() -> LeadProblems.notFound(id));
	}

	public PageResponse<Lead> list(Long campaignId, LeadStatus status, int page, int size) {
		List<Lead> items = this.leads.findPage(campaignId, status, PageResponse.offset(page, size), size);
		return PageResponse.of(items, page, size, this.leads.count(campaignId, status));
	}

	public Lead convert(long id) {
		Lead lead = this.transaction.execute((status) -> this.leads.convert(id).orElse(null));
		if (lead == null) {
			throw this.leads.findById(id).isPresent() ? LeadProblems.alreadyConverted(id) : LeadProblems.notFound(id);
		}
		this.statsCache.evict(lead.campaignId());
		this.metrics.converted();
		return lead;
	}

	private RuntimeException translate(DataIntegrityViolationException ex, long campaignId) {
		String sqlState = (ex.getMostSpecificCause() instanceof SQLException sql) ? sql.getSQLState() : null;
		if (FOREIGN_KEY_VIOLATION.equals(sqlState)) {
			return new CampaignNotFoundException(campaignId);
		}
		if (UNIQUE_VIOLATION.equals(sqlState)) {
			return LeadProblems.duplicateEmail(campaignId);
		}
		return ex;
	}

	private static String sha256(String value) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every JDK", ex);
		}
	}

	/**
	 * The result of {@link #create}.
	 *
	 * @param lead the lead as first created
	 * @param replayed whether an earlier request with the same key created it
	 */
	public record LeadCreation(Lead lead, boolean replayed) {
	}

}
