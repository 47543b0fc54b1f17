using Actors.Election.Demo;

return await Cli.InvokeAsync(args);
