using RecForge.Bench;

// Parent: runs every case in a fresh child process (so peak memory is per case) and prints the table.
// Child (--case ...): runs one case and prints one result line.
return args.Length > 0 && args[0] == "--case" ? BenchCase.RunChild(args) : BenchRunner.Run(args);
