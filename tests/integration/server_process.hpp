#pragma once
// Runs the real `hotline` binary as a child process for integration tests: start a subcommand,
// read its "listening on http://HOST:PORT" line, send signals, collect the exit status.
// Not thread-safe; one object per child.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace hotline::tests {

class ServerProcess {
 public:
  // Starts `binary args...` with stdout piped to us and stderr to `log_path`.
  ServerProcess(const std::string& binary, const std::vector<std::string>& args, const std::string& log_path);
  ~ServerProcess();  // SIGKILLs the child if still running
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Reads stdout until the "listening on" line; returns the port, or 0 if the child exited first
  // or nothing came within `timeout_ms`.
  unsigned short wait_listening(int timeout_ms = 20000);
  // Reads stdout until `text` appears after the end of the previous match of this call; false
  // if the child exited first or nothing came within `timeout_ms`.
  bool wait_output(const std::string& text, int timeout_ms = 10000);
  void signal(int sig);
  // Waits for exit; returns the exit code, or 128 + signal number.
  int wait_exit();

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  bool read_more(std::chrono::steady_clock::time_point deadline);  // false once stdout closed

  std::string buffer_;
  std::size_t consumed_ = 0;  // wait_output searches from here
};

// Runs a command to completion; returns its exit code and fills `output` with stdout+stderr.
int run_command(const std::vector<std::string>& argv, std::string& output);

}  // namespace hotline::tests
