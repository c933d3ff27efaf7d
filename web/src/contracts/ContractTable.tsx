import {
  Link, Paragraph, Table, TableBody, TableCaption, TableCell, TableRow,
} from "@utrecht/component-library-react";
import { HeaderRow, numeric } from "../tables/HeaderRow";
import { pageRange } from "../tables/pageRange";
import { ScrollBox } from "../tables/ScrollBox";
import type { components } from "../api/ledger";
import { date, euro } from "../format/dutch";
import { ContractorCells, ContractorHeaders } from "./ContractorColumns";
import { categoryLabels, statusLabels } from "./listQuery";
import { useMunicipalityLink } from "../municipalities/useMunicipalityLink";

type ContractPage = components["schemas"]["ContractPage"];

/**
 * The page's rows; on a phone the table scrolls inside its own box (keyboard-reachable), never the whole page. A contractor
 * also sees per contract what it still owes and by when, and a link to report on it.
 */
export function ContractTable({ page, contractor = false }: { page: ContractPage; contractor?: boolean }) {
  const link = useMunicipalityLink();
  if (page.items.length === 0)
    return <Paragraph className="sroi-empty">Geen contracten gevonden die aan uw keuzes voldoen.</Paragraph>;
  const caption = pageRange("Contracten", page);
  return (
    <ScrollBox label={caption}>
      <Table className="sroi-contracts">
        <TableCaption>{caption}</TableCaption>
        <HeaderRow columns={["Kenmerk", "Titel", "Opdrachtnemer", "Gemeente", "Categorie", "Gegund op", numeric("Waarde"), "Status"]}>
          {contractor && <ContractorHeaders />}
        </HeaderRow>
        <TableBody>
          {page.items.map((contract) => (
            <TableRow key={contract.id} data-contract={contract.id}>
              <TableCell>
                <Link href={link(`/dashboard/contracten/${contract.id}`)}>{contract.reference}</Link>
              </TableCell>
              <TableCell>{contract.title}</TableCell>
              <TableCell>
                {contract.contractor.name} <span className="sroi-muted">(KvK {contract.contractor.kvkNumber})</span>
              </TableCell>
              <TableCell>{contract.municipalityName}</TableCell>
              <TableCell>{categoryLabels[contract.category]}</TableCell>
              <TableCell>{date(contract.awardedOn)}</TableCell>
              <TableCell numericColumn>{euro(contract.contractValue)}</TableCell>
              <TableCell>{statusLabels[contract.status]}</TableCell>
              {contractor && <ContractorCells contract={contract} />}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ScrollBox>
  );
}
