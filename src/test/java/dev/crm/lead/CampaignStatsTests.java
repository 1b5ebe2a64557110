package dev.crm.lead;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignStatsTests {

	@Test
	void reportsEveryStatusEvenWithoutLeads() {
		CampaignStats stats = CampaignStats.from(7, Map.of());
		assertThat(stats.totalLeads()).isZero();
		assertThat(stats.leadsByStatus()).containsOnlyKeys(LeadStatus.values())
			.allSatisfy((status, count) -> assertThat(count).isZero());
		assertThat(stats.conversionRate()).isZero();
	}

	@Test
	void computesConversionRateFromConvertedOverAll() {
		CampaignStats stats = CampaignStats.from(7, Map.of(LeadStatus.NEW, 3L, LeadStatus.CONVERTED, 1L));
		assertThat(stats.totalLeads()).isEqualTo(4);
		assertThat(stats.leadsByStatus()).containsEntry(LeadStatus.NEW, 3L).containsEntry(LeadStatus.CONVERTED, 1L);
		assertThat(stats.conversionRate()).isEqualTo(0.25);
	}

}
