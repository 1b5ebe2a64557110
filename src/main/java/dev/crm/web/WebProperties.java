package dev.crm.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP input limits.
 *
 * @param maxRequestBody the largest request body accepted; larger ones get a 413
 */
@Validated
@ConfigurationProperties("crm.web")
public record WebProperties(@NotNull @DefaultValue("1MB") DataSize maxRequestBody) {
}
