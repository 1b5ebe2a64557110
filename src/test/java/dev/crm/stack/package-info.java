/**
 * The monitoring stack as processes on 127.0.0.1, started by one piece of code for
 * {@code scripts/stack.sh} ({@link dev.crm.stack.NativeStack}) and for the end-to-end
 * suite: the project's prometheus/ and alertmanager/ files with only addresses,
 * intervals, secret files and receiver URLs rewritten, target files written from
 * prometheus/targets.yml, and the Debian packages' binaries. It never changes a rule, a
 * route or a template.
 */
package dev.crm.stack;
