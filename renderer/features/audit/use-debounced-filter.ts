// The filter the list asks with: follows the form after the user pauses typing (300 ms), and keeps its identity
// while its content is the same, so re-renders never start a new query.
import { useEffect, useState } from 'react';
import { filterOf, type FilterForm } from './audit-filter';
import type { AuditFilterView } from './audit-types';

export const FILTER_DELAY_MS = 300;

export function useDebouncedFilter(form: FilterForm): AuditFilterView {
  const [filter, setFilter] = useState<AuditFilterView>(() => filterOf(form));
  useEffect(() => {
    const timer = setTimeout(() => {
      const next = filterOf(form);
      setFilter((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    }, FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  }, [form]);
  return filter;
}
