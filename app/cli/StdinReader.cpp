#include "StdinReader.h"

#include <iostream>
#include <string>

namespace natter {

void StdinReader::run()
{
    std::string text;
    while (std::getline(std::cin, text)) {
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        emit line(QString::fromStdString(text));
    }
    emit finished_();
}

} // namespace natter
