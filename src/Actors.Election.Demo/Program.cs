using System.Globalization;
using Actors.Election.Demo;

// Every number this program prints or writes (tables, CSV, HOCON, report lines) reads the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
return await Cli.InvokeAsync(args);
