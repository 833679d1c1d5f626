import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** Records a step that has already happened as one auditor event, success or failure. */
export async function auditOutcome(
  auditor: AuditorService,
  eventId: string,
  outcome: 'success' | 'fail',
  meta: JsonObject,
) {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    meta,
  });
  if (outcome === 'success') await event.success();
  else await event.fail({ error: new Error(String(meta.reason ?? eventId)) });
}
