using JasperFx.CommandLine;
using Npgsql;

namespace Sroi.Ledger.Api.Contracts.ReportsApart;

public sealed class ReportsApartInput : NetCoreInput
{
    [Description("status (whether the switch is on) or on (turn it on, once, for the whole database)")]
    public string Action { get; set; } = "";

    [Description("on: the operator's word that every node runs this build and none of the previous release will start again"),
     FlagAlias("every-node-upgraded", true)]
    public bool EveryNodeUpgradedFlag { get; set; }
}

/// <summary>
/// <c>Sroi.Ledger.Api reports-apart status|on --every-node-upgraded</c>: the operator's switch of issue 23's stage 3
/// (<see cref="ReportsApartSwitch"/>) from the command line, instead of the SQL statement README's upgrade section gave. Turning
/// it on while a node of the previous release still runs would have that node move the stored totals by a report list
/// that is no longer there, so <c>on</c> asks for the operator's word (<c>--every-node-upgraded</c>): the database cannot
/// tell which build each node runs. There is no <c>off</c>: the switch is one way (documents written without their list
/// stay so until a rebuild), and turning it off is README's procedure with its rebuild.
/// </summary>
[Description("Show or turn on the switch that writes contract documents without their report list (issue 23, stage 3)", Name = "reports-apart")]
public sealed class ReportsApartCommand : JasperFxAsyncCommand<ReportsApartInput>
{
    public override async Task<bool> Execute(ReportsApartInput input)
    {
        if (input.Action is not ("status" or "on"))
        {
            await Console.Error.WriteLineAsync($"'{input.Action}' is not an action of reports-apart: status or on.");
            return false;
        }
        if (input.Action == "on" && !input.EveryNodeUpgradedFlag)
        {
            await Console.Error.WriteLineAsync(
                "reports-apart on needs --every-node-upgraded: turn the switch on only once every node runs this build and none of the " +
                "previous release will start again (a node of that release would move a contract's totals by a report list that is no " +
                "longer in its document). Nothing was changed.");
            return false;
        }
        using var host = input.BuildHost();
        var db = host.Services.GetRequiredService<NpgsqlDataSource>();
        var wasOn = await ReportsApartSwitch.IsOnAsync(db, CancellationToken.None);
        if (input.Action == "status")
        {
            await Console.Out.WriteLineAsync(wasOn ? "reports-apart: on" : "reports-apart: off");
            return true;
        }
        if (!wasOn) await ReportsApartSwitch.TurnOnAsync(db, CancellationToken.None);
        await Console.Out.WriteLineAsync(wasOn
            ? "reports-apart: on (it was on already; nothing changed)"
            : "reports-apart: on (turned on now: each contract's next write stores its document without its report list)");
        return true;
    }
}
