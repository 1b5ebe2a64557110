/**
 * The hostile-input corpus: requests a careless or malicious client can send, kept as
 * data under {@code src/test/resources/hostile/}, a seeded generator beside them, and the
 * raw-socket runner that sends each one to the running application.
 */
package dev.crm.web.hostile;
