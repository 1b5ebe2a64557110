package dev.crm.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record CreateCampaignRequest(@NotBlank @Size(max = 200) String name, @NotNull Channel channel) {
}
