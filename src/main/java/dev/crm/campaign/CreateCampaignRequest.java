package dev.crm.campaign;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.crm.web.PlainText;

public record CreateCampaignRequest(@NotBlank @Size(max = 200) @PlainText String name, @NotNull Channel channel) {
}
