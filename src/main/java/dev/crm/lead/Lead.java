package dev.crm.lead;

import java.time.Instant;

public record Lead(long id, long campaignId, String email, String name, LeadSource source, LeadStatus status,
		Instant createdAt, Instant convertedAt) {
}
