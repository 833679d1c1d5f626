import { useEffect, useState } from 'react';
import { TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { toUserRef } from '../../entityRefs';
import { useUserSuggestions } from './useUserSuggestions';

/** A user ref input that suggests users as one types; `onChange` gets a full user ref. */
export const UserRefField = ({
  value,
  onChange,
}: {
  value?: string;
  onChange: (userRef: string) => void;
}) => {
  const [text, setText] = useState(value ?? '');
  const [invalid, setInvalid] = useState(false);
  const options = useUserSuggestions(text);
  // A link to another user changes `value` while the page stays open.
  useEffect(() => setText(value ?? ''), [value]);

  const choose = (input: string | null) => {
    const userRef = toUserRef(input ?? '');
    setInvalid(Boolean(input) && !userRef);
    if (userRef) onChange(userRef);
  };

  return (
    <Autocomplete<string, false, false, true>
      freeSolo
      options={options}
      filterOptions={all => all}
      value={value ?? null}
      inputValue={text}
      onInputChange={(_event, input) => setText(input)}
      onChange={(_event, input) => choose(input)}
      renderInput={params => (
        <TextField
          {...params}
          label="User"
          placeholder="user:default/dev"
          variant="outlined"
          error={invalid}
          helperText={
            invalid
              ? 'Enter a user, like dev or user:default/dev'
              : 'A user name or ref; press Enter to look it up'
          }
        />
      )}
    />
  );
};
