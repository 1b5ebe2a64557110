/**
 * crm-api: campaigns and the leads they bring in. Feature packages ({@code campaign},
 * {@code lead}) hold the domain; {@code web} holds HTTP plumbing shared by features;
 * {@code observability} makes the signals and never imports a feature.
 */
package dev.crm;
