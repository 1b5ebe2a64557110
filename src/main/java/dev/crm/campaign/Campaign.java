package dev.crm.campaign;

import java.time.Instant;

public record Campaign(long id, String name, Channel channel, CampaignStatus status, Instant createdAt) {
}
