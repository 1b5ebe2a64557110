package dev.crm.lead;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

public record CreateLeadRequest(@NotNull @Positive Long campaignId, @NotBlank @Email @Size(max = 254) String email,
		@NotBlank @Size(max = 200) String name, @NotNull LeadSource source) {
}
