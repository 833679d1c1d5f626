import Handlebars from 'handlebars';
import camelCase from 'lodash/camelCase';
import kebabCase from 'lodash/kebabCase';
import lowerCase from 'lodash/lowerCase';
import lowerFirst from 'lodash/lowerFirst';
import snakeCase from 'lodash/snakeCase';
import startCase from 'lodash/startCase';
import upperCase from 'lodash/upperCase';
import upperFirst from 'lodash/upperFirst';
import { VersionQuery } from './versionQuery';

// The helpers `backstage-cli new` gives every portable template.
const builtInHelpers = {
  camelCase,
  kebabCase,
  lowerCase,
  snakeCase,
  startCase,
  upperCase,
  upperFirst,
  lowerFirst,
};

/** Renders template text with the values and helpers `backstage-cli new` uses. */
export interface KitTemplater {
  template(content: string): string;
}

/**
 * A Handlebars environment like `backstage-cli new`'s: strict (an unknown value fails instead of
 * rendering empty), the lodash case helpers and `versionQuery`. The template's own `values`
 * are rendered once against the input values, then added to them.
 */
export function createKitTemplater(options: {
  values: Record<string, unknown>;
  templatedValues: Record<string, string>;
  versionQuery: VersionQuery;
}): KitTemplater {
  const handlebars = Handlebars.create();
  handlebars.registerHelper(builtInHelpers);
  handlebars.registerHelper({
    // Handlebars passes its options object last, so a missing hint arrives as an object.
    versionQuery: (name: string, versionHint: unknown) =>
      options.versionQuery(
        name,
        typeof versionHint === 'string' ? versionHint : undefined,
      ),
  });
  let values = options.values;
  const template = (content: string) =>
    handlebars.compile(content, { strict: true })(values);
  values = {
    ...values,
    ...Object.fromEntries(
      Object.entries(options.templatedValues).map(([key, value]) => [
        key,
        template(value),
      ]),
    ),
  };
  return { template };
}
