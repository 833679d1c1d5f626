/** `1` → `1 user`, `3` → `3 users`. */
export const usersText = (count: number) =>
  count === 1 ? '1 user' : `${count} users`;
