/**
 * Gantry's search collators: infrastructure requests and approval requests.
 *
 * @packageDocumentation
 */

export {};
