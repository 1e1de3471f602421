/** The Status of a logged call's Task when the call center sets none (Task statuses are per org). */
export const DEFAULT_TASK_STATUS = 'Completed';
