// Dutch words for the rules a report, a correction or a withdrawal can break (the service's 422 `code`); placeErrors
// shows them at the field the rule blames, with the service's own sentence beside them.
import { dutchRules } from "../forms/fieldErrors";

dutchRules({
  "fulfilment.outside-term":
    "Deze datum ligt buiten de looptijd van het contract (die telt vanaf 12 maanden voor de start tot en met het einde).",
  "fulfilment.in-future": "Deze datum ligt in de toekomst: rapporteer alleen wat al gedaan is.",
  "valuation.no-table-in-force":
    "Op deze datum geldt geen bouwblokkentabel van de gemeente, dus kan de rapportage niet worden gewaardeerd.",
  "fulfilment.period-overlap":
    "Deze kandidaat is op dit contract al gerapporteerd voor (een deel van) deze periode; een dag telt één keer. Corrigeer die rapportage.",
  "contract.settled": "De verplichting van dit contract is afgewikkeld; er worden geen rapportages meer aangenomen.",
  "fulfilment.no-obligation": "Dit contract heeft geen SROI-verplichting; er valt niets te rapporteren.",
  "fulfilment.not-correctable": "Deze rapportage is ingetrokken of vervangen en kan niet meer worden gecorrigeerd.",
  "fulfilment.correction-not-allowed": "U corrigeert alleen uw eigen rapportages; deze heeft de WSP vastgelegd.",
  "fulfilment.correction-pending":
    "Er wacht al een correctie van deze rapportage op beoordeling; corrigeer die correctie, of wacht op de beoordeling.",
  "fulfilment.correct-the-original":
    "Dit was een afgewezen correctie van een rapportage die nog meetelt; corrigeer die oorspronkelijke rapportage.",
  // The same words as the WSP's review buttons (ReviewActions), which register this code too.
  "fulfilment.not-pending": "Deze rapportage is al beoordeeld of ingetrokken.",
  "fulfilment.withdrawal-by-reporter-only": "Alleen wie de rapportage deed, kan haar intrekken.",
});
