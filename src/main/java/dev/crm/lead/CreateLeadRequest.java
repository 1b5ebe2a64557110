package dev.crm.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.crm.web.PlainText;

public record CreateLeadRequest(@NotNull @Positive Long campaignId,
		@NotBlank @Email @Size(max = 254) @PlainText String email, @NotBlank @Size(max = 200) @PlainText String name,
		@NotNull LeadSource source) {
}
