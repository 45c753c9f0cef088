// reliefsim: the command-line entry point. Everything happens in run_cli (commands.cpp).
#include "sim/cli/commands.hpp"

int main(int argc, char** argv) { return reliefsim::run_cli(argc, argv); }
