/**
 * @packageDocumentation
 * Complaint and service timers on the PRC calendar: targets, pause/resume, business time, escalation, breaches.
 */
export {};
