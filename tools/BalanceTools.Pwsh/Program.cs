using System.Management.Automation.Runspaces;
using Microsoft.PowerShell;

return ConsoleShell.Start(InitialSessionState.CreateDefault2(), string.Empty, string.Empty, args);
