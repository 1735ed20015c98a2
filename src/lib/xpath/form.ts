/**
 * Glue between the form model and the engine: the callbacks and secondary
 * instances an EvaluationContext needs, built from a FormDefinition.
 */
import { walk, type FormDefinition } from '../forms/model.js';
import { instanceFromChoices, pickLabel, type InstanceNode } from './instance.js';

/**
 * The `choiceLabel` callback for jr:choice-name(value, ' /path/to/select '):
 * finds the select question at the path (or takes the argument as a list
 * name), then the label of the choice in `language`.
 */
export function choiceLabelsFor(form: FormDefinition, language?: string): (pathOrList: string, value: string) => string | undefined {
  const listOfPath = new Map<string, string>();
  for (const node of walk(form.root)) if (node.kind === 'question' && node.listName !== undefined) listOfPath.set(node.path, node.listName);
  const cache = new Map<string, Map<string, string>>();
  return (pathOrList, value) => {
    const list = listOfPath.get(pathOrList) ?? pathOrList;
    let labels = cache.get(list);
    if (!labels) {
      labels = new Map((form.choices[list] ?? []).map((c) => [c.name, pickLabel(c.label, language, form.defaultLanguage)]));
      cache.set(list, labels);
    }
    return labels.get(value);
  };
}

/** A secondary instance per choice list (`instance('list')/root/item`), labels in `language`, for itemsets and choice filters. */
export function choiceInstancesFor(form: FormDefinition, language?: string): Record<string, InstanceNode> {
  const out: Record<string, InstanceNode> = {};
  for (const [list, choices] of Object.entries(form.choices)) out[list] = instanceFromChoices(choices, language, form.defaultLanguage);
  return out;
}
