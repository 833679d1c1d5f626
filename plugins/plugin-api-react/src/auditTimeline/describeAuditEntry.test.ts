import { auditEntry } from '../testUtils';
import {
  auditPhraseText,
  describeAuditActor,
  describeAuditEntry,
  timelineEntries,
} from './describeAuditEntry';

describe('describeAuditEntry', () => {
  it('says what known events did, in words, with a decision comment', () => {
    expect(
      auditPhraseText(
        describeAuditEntry(
          auditEntry({
            eventId: 'approval-request-decide',
            meta: { decision: 'approve', comment: ' ship it ' },
          }),
        ),
      ),
    ).toBe('approved: “ship it”');
    expect(
      auditPhraseText(
        describeAuditEntry(
          auditEntry({
            eventId: 'approval-request-decide',
            meta: { decision: 'reject' },
          }),
        ),
      ),
    ).toBe('rejected');
    expect(
      auditPhraseText(
        describeAuditEntry(
          auditEntry({
            eventId: 'approval-request-withdraw',
            meta: { comment: 'The access request was cancelled.' },
          }),
        ),
      ),
    ).toBe(
      'withdrew the approval request: “The access request was cancelled.”',
    );
    expect(
      auditPhraseText(
        describeAuditEntry(
          auditEntry({ eventId: 'entity-mutate', action: 'delete' }),
        ),
      ),
    ).toBe('delete the entity');
  });

  it('falls back to the event id and action, and says how it ended', () => {
    expect(
      auditPhraseText(
        describeAuditEntry(
          auditEntry({
            eventId: 'task',
            action: 'create',
            outcome: 'failed',
            error: 'InputError: bad',
          }),
        ),
      ),
    ).toBe('task (create), which failed: InputError: bad');
    expect(
      auditPhraseText(
        describeAuditEntry(
          auditEntry({
            eventId: 'task',
            action: undefined,
            outcome: 'initiated',
          }),
        ),
      ),
    ).toBe('task (in progress)');
  });

  it('gives the users it names as refs to show by name, anything else as words', () => {
    expect(
      describeAuditEntry(
        auditEntry({
          eventId: 'infra-resource-provisioned',
          meta: { requester: 'user:default/dev' },
        }),
      ),
    ).toEqual(['provisioned it for ', { entityRef: 'user:default/dev' }]);
    expect(
      describeAuditEntry(
        auditEntry({
          eventId: 'infra-request-plan',
          meta: { requester: 'someone odd' },
        }),
      ),
    ).toEqual(['planned the change requested by ', 'someone odd']);
  });

  it('names users, plugins, and Gantry for events without an actor', () => {
    expect(describeAuditActor(auditEntry())).toEqual({
      entityRef: 'user:default/dev',
    });
    expect(
      describeAuditActor(
        auditEntry({ actor: { ref: 'plugin:scaffolder', type: 'service' } }),
      ),
    ).toBe('Gantry (scaffolder)');
    expect(
      describeAuditActor(
        auditEntry({ actor: { type: 'none' }, plugin: 'infra' }),
      ),
    ).toBe('Gantry (infra)');
  });
});

describe('timelineEntries', () => {
  it('keeps outcomes, and a start only while its outcome is missing', () => {
    const entries = [
      auditEntry({ id: '4', correlationId: 'b', outcome: 'initiated' }),
      auditEntry({ id: '3', correlationId: 'a', outcome: 'failed' }),
      auditEntry({ id: '2', correlationId: 'a', outcome: 'initiated' }),
      auditEntry({ id: '1', correlationId: 'c', outcome: 'succeeded' }),
    ];
    expect(timelineEntries(entries).map(e => e.id)).toEqual(['4', '3', '1']);
  });
});
