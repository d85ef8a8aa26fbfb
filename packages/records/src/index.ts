/**
 * @packageDocumentation
 * Customer files (档案): required documents, handover deadlines, completeness, borrowing, access control, retention.
 */
export {};
