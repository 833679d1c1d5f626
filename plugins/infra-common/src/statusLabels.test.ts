import {
  infraRequestStatusLabel,
  infraResourceStatusLabel,
} from './statusLabels';

describe('status labels', () => {
  it('says a request status in words', () => {
    expect(infraRequestStatusLabel('awaiting_approval')).toBe(
      'Awaiting approval',
    );
    expect(infraRequestStatusLabel('superseded')).toBe('Planned again');
    expect(infraRequestStatusLabel('applied', 'create')).toBe('Applied');
  });

  it('says a destroy request destroys', () => {
    expect(infraRequestStatusLabel('applying', 'destroy')).toBe('Destroying');
    expect(infraRequestStatusLabel('applied', 'destroy')).toBe('Destroyed');
    expect(infraRequestStatusLabel('rejected', 'destroy')).toBe('Rejected');
  });

  it('says a resource status in words', () => {
    expect(infraResourceStatusLabel('active')).toBe('Active');
    expect(infraResourceStatusLabel('destroyed')).toBe('Destroyed');
  });
});
