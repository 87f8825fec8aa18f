// Reads MLflow `input_data` for a model with named numeric columns, in the two forms managed online
// endpoints accept: pandas split ({columns, index?, data}: columns by name, in any order) and a plain 2-D
// tensor (rows in the model's fixed column order). Returns rows in the model's column order.
// It must never coerce: strings, booleans, null and non-finite numbers are rejected with InputError.
import { InputError, isRecord, preview, quoteName } from './model';

export interface TabularSpec {
  readonly columns: readonly string[];
  readonly maxRows: number;
}

function numericCell(value: unknown, row: number, column: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`input_data row ${row}, column '${column}': expected a number, got ${preview(value)}.`);
  }
  return value;
}

function checkRowCount(count: number, spec: TabularSpec): void {
  if (count === 0) throw new InputError('input_data has no rows.');
  if (count > spec.maxRows) throw new InputError(`input_data has ${count} rows; this endpoint accepts at most ${spec.maxRows} per request.`);
}

function fromTensor(rows: unknown[], spec: TabularSpec): number[][] {
  checkRowCount(rows.length, spec);
  return rows.map((row, r) => {
    if (!Array.isArray(row)) throw new InputError(`input_data row ${r}: expected an array of ${spec.columns.length} numbers, got ${preview(row)}.`);
    if (row.length !== spec.columns.length) {
      throw new InputError(`input_data row ${r}: expected ${spec.columns.length} values (${spec.columns.join(', ')}), got ${row.length}.`);
    }
    return spec.columns.map((column, c) => numericCell(row[c], r, column));
  });
}

function fromSplit(input: Record<string, unknown>, spec: TabularSpec): number[][] {
  const { columns, data, index } = input;
  const unexpected = Object.keys(input).filter((k) => k !== 'columns' && k !== 'data' && k !== 'index');
  if (unexpected.length > 0) throw new InputError(`input_data (pandas split) has unexpected keys: ${unexpected.map(quoteName).join(', ')}; allowed: columns, index, data.`);
  if (!Array.isArray(columns) || !columns.every((c): c is string => typeof c === 'string')) {
    throw new InputError(`input_data.columns must be an array of column names (${spec.columns.join(', ')}).`);
  }
  if (!Array.isArray(data)) throw new InputError('input_data.data must be an array of rows.');
  if (new Set(columns).size !== columns.length) throw new InputError('input_data.columns has duplicate names.');
  const missing = spec.columns.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !spec.columns.includes(c));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length > 0 ? `missing ${missing.map(quoteName).join(', ')}` : '', unknown.length > 0 ? `unknown ${unknown.map(quoteName).join(', ')}` : ''];
    throw new InputError(`input_data.columns do not match the model's inputs (${parts.filter(Boolean).join('; ')}); expected: ${spec.columns.join(', ')}.`);
  }
  checkRowCount(data.length, spec);
  if (index !== undefined && (!Array.isArray(index) || index.length !== data.length)) {
    throw new InputError(`input_data.index must be an array with one entry per row (${data.length}).`);
  }
  const positions = spec.columns.map((c) => columns.indexOf(c));
  return data.map((row, r) => {
    if (!Array.isArray(row) || row.length !== columns.length) {
      throw new InputError(`input_data.data row ${r}: expected an array of ${columns.length} values in the order of input_data.columns, got ${preview(row)}.`);
    }
    return positions.map((p, c) => numericCell(row[p], r, spec.columns[c]!));
  });
}

export function readTabular(inputData: unknown, spec: TabularSpec): number[][] {
  if (Array.isArray(inputData)) return fromTensor(inputData, spec);
  if (isRecord(inputData)) {
    if ('columns' in inputData || 'data' in inputData) return fromSplit(inputData, spec);
    throw new InputError(`input_data as named tensors is not supported by this model; send pandas split {"columns": [...], "data": [[...]]} or a 2-D array with columns ${spec.columns.join(', ')}.`);
  }
  throw new InputError(`input_data must be a pandas split object or a 2-D array, got ${preview(inputData)}.`);
}
