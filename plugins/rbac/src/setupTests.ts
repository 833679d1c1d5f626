import '@testing-library/jest-dom';

// Pages typed into with user-event take seconds on a busy 2-CPU runner; 5 s is too tight.
jest.setTimeout(30_000);
