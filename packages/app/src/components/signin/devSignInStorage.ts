const STORAGE_KEY = '@gantry/dev-sign-in/user';

/** The catalog user picked on the dev sign-in page, kept across reloads until sign-out. */
export const devSignInStorage = {
  get(): string | undefined {
    return window.localStorage.getItem(STORAGE_KEY) ?? undefined;
  },
  set(userName: string) {
    window.localStorage.setItem(STORAGE_KEY, userName);
  },
  clear() {
    window.localStorage.removeItem(STORAGE_KEY);
  },
};
