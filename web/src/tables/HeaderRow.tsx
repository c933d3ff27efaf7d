// A table's column headers from their titles; a number column (right-aligned, as its cells) is given by numeric().
import type { ReactNode } from "react";
import { TableHeader, TableHeaderCell, TableRow } from "@utrecht/component-library-react";

export type Column = string | { title: string; numeric: true };

/** "Waarde" is a text column, `{ title: "Waarde", numeric: true }` a number column. */
export const numeric = (title: string): Column => ({ title, numeric: true });

export function HeaderRow({ columns, children }: { columns: readonly Column[]; children?: ReactNode }) {
  return (
    <TableHeader>
      <TableRow>
        {columns.map((column) => {
          const title = typeof column === "string" ? column : column.title;
          return (
            <TableHeaderCell key={title} scope="col" numericColumn={typeof column !== "string"}>{title}</TableHeaderCell>
          );
        })}
        {children}
      </TableRow>
    </TableHeader>
  );
}
