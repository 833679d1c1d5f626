// Terraform's `action_reason` codes (terraform-json `ActionReason`), in words.
const ACTION_REASON_TEXT: Record<string, string> = {
  replace_because_tainted: 'replaced because it is tainted',
  replace_because_cannot_update:
    'replaced because it cannot be updated in place',
  replace_by_request: 'replaced by request (-replace)',
  replace_by_triggers: 'replaced because of replace_triggered_by',
  delete_because_no_resource_config:
    'destroyed because its configuration was removed',
  delete_because_no_module: 'destroyed because its module was removed',
  delete_because_wrong_repetition:
    'destroyed because count or for_each changed form',
  delete_because_count_index:
    'destroyed because count no longer includes its index',
  delete_because_each_key:
    'destroyed because for_each no longer includes its key',
  delete_because_no_move_target:
    'destroyed because its moved block has no target',
  read_because_config_unknown:
    'read during apply because its configuration depends on values known after apply',
  read_because_dependency_pending:
    'read during apply because a resource it depends on has changes pending',
  read_because_check_nested:
    'read during apply because a check block depends on it',
};

/** Terraform's `action_reason` in words; an unknown code is shown as it is. */
export function actionReasonText(code: string): string {
  return ACTION_REASON_TEXT[code] ?? code.replace(/_/g, ' ');
}
