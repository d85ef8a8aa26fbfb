/**
 * @packageDocumentation
 * PRC statutory working-day calendar: public holidays and make-up workdays (调休) with business hours.
 */
export {};
